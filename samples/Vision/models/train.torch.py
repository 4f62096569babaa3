"""Trains the ConvNet: optimizer, schedule, loss, backward pass, gradient clipping, evaluation, checkpoint."""
import torch
import torch.nn as nn

from cnn import ConvNet


def train(batches, epochs: int = 2, lr: float = 1e-3):
    """batches: an iterable of (images, labels) pairs, e.g. a DataLoader."""
    torch.manual_seed(0)
    model = ConvNet()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=1e-4)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for images, labels in batches:
            optimizer.zero_grad()
            loss = criterion(model(images), labels)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
            optimizer.step()
            total += loss.item()
        scheduler.step()

        model.eval()
        correct = 0
        with torch.no_grad():
            for images, labels in batches:
                correct += (torch.argmax(model(images), dim=1) == labels).sum().item()
        print(f"epoch {epoch}: loss {total:.3f}, {correct} correct")
    torch.save(model.state_dict(), "convnet.pt")
